import { defineCatalog } from '../../common/i18n/i18n';

/**
 * Texts of the public pages (RSVP, nomination, unknown link, system error). Event details, answer
 * buttons, roles and weekday names come from the invitation catalog, so a page says exactly what
 * the mail said.
 */
export const pageMessages = defineCatalog(
  {
    'app.name': 'Hệ thống quản lý hội nghị',
    'lang.switch': 'English',
    footer: 'Trang này dành riêng cho người nhận giấy mời; xin không chia sẻ đường dẫn.',

    'status.pending': 'Chưa trả lời',
    'status.invited': 'Chưa trả lời',
    'status.failed': 'Chưa trả lời',
    'status.accepted': 'Xác nhận tham dự',
    'status.declined': 'Từ chối',
    'status.tentative': 'Chưa chắc chắn',
    'status.delegated': 'Đã cử người đi thay',
    'status.removed': 'Giấy mời không còn hiệu lực',

    'rsvp.pageTitle': 'Trả lời giấy mời: {title}',
    'rsvp.intro': 'Đồng chí được mời tham dự {kind} dưới đây.',
    'rsvp.current': 'Trả lời hiện tại',
    'rsvp.delegatedTo': 'Đã cử đồng chí {name} đi thay',
    'rsvp.choose': 'Đồng chí vui lòng chọn một câu trả lời:',
    'rsvp.changeHint': 'Đồng chí có thể thay đổi câu trả lời cho đến khi {kind} bắt đầu.',
    'rsvp.proposed': 'Đồng chí đã chọn “{answer}” trong thư mời. Vui lòng bấm nút “{answer}” dưới đây để gửi câu trả lời.',
    'rsvp.proposedSubstitute': 'Vui lòng nhập thông tin người đi thay ở mục “{section}” dưới đây.',
    'rsvp.currentMark': '(hiện tại)',
    'rsvp.substituteHelp': 'Nếu không tham dự được, đồng chí có thể cử người khác đi thay. Người đi thay sẽ nhận giấy mời riêng qua e-mail.',
    'rsvp.substituteSubmit': 'Gửi thông tin người đi thay',
    'rsvp.closed': 'Đã hết thời hạn trả lời: {kind} đã bắt đầu.',
    'rsvp.cancelled': 'Thông báo: {kind} này đã bị hủy.',
    'rsvp.ics': 'Tải tệp lịch (.ics)',

    'saved.accepted': 'Đã ghi nhận: đồng chí xác nhận tham dự. Xin cảm ơn đồng chí!',
    'saved.declined': 'Đã ghi nhận: đồng chí từ chối tham dự.',
    'saved.tentative': 'Đã ghi nhận: đồng chí chưa chắc chắn tham dự.',
    'saved.delegated': 'Đã ghi nhận: đồng chí {name} sẽ tham dự thay. Giấy mời sẽ được gửi tới {email}.',
    'saved.nominee': 'Đã ghi nhận: đồng chí {name} được đăng ký tham dự. Giấy mời sẽ được gửi tới {email}.',

    'field.fullName': 'Họ và tên',
    'field.title': 'Chức vụ',
    'field.email': 'Địa chỉ e-mail',
    'field.optional': '(không bắt buộc)',

    'form.invalid': 'Chưa gửi được: vui lòng kiểm tra các mục được đánh dấu.',
    'problem.required': 'Vui lòng nhập mục này.',
    'problem.invalid_email': 'Địa chỉ e-mail không hợp lệ.',
    'problem.too_long': 'Nội dung quá dài.',
    'problem.already_invited': 'Người này đã có trong danh sách mời.',

    'error.invalid_answer': 'Câu trả lời không hợp lệ; vui lòng chọn lại.',
    'error.failed': 'Chưa ghi nhận được do lỗi hệ thống. Vui lòng thử lại sau ít phút.',
    'error.quota_full': 'Đơn vị đã đăng ký đủ {quota} người; không thể đăng ký thêm.',
    'error.system.title': 'Hệ thống đang gặp sự cố',
    'error.system.body': 'Chưa xử lý được yêu cầu do lỗi hệ thống. Vui lòng thử lại sau ít phút.',

    'token.not_found.title': 'Đường dẫn không hợp lệ',
    'token.not_found.body':
      'Không tìm thấy giấy mời ứng với đường dẫn này. Vui lòng mở lại đường dẫn trong thư mời (sao chép đầy đủ, không bị ngắt dòng) hoặc liên hệ đơn vị tổ chức.',
    'token.expired.title': 'Đường dẫn đã hết hạn',
    'token.expired.body': 'Đường dẫn này không còn hiệu lực vì sự kiện đã kết thúc hoặc giấy mời đã được thu hồi. Nếu cần hỗ trợ, vui lòng liên hệ đơn vị tổ chức.',

    'nominate.pageTitle': 'Đăng ký người tham dự: {title}',
    'nominate.intro': '{host} đề nghị {agency} cử người tham dự {kind} dưới đây.',
    'nominate.count': 'Đã đăng ký {count}/{quota} người.',
    'nominate.remaining': 'Còn có thể đăng ký thêm {remaining} người.',
    'nominate.full': 'Đơn vị đã đăng ký đủ số lượng. Xin cảm ơn!',
    'nominate.listHeading': 'Danh sách đã đăng ký',
    'nominate.empty': 'Chưa có người nào được đăng ký.',
    'nominate.formHeading': 'Thêm người tham dự',
    'nominate.help': 'Mỗi người được đăng ký sẽ nhận giấy mời riêng qua e-mail.',
    'nominate.submit': 'Đăng ký',
    'nominate.closed': 'Đã hết thời hạn đăng ký.',
    'col.index': 'STT',
    'col.status': 'Trạng thái',
  },
  {
    'app.name': 'Conference management',
    'lang.switch': 'Tiếng Việt',
    footer: 'This page is personal to the recipient of the invitation; please do not share its link.',

    'status.pending': 'No reply yet',
    'status.invited': 'No reply yet',
    'status.failed': 'No reply yet',
    'status.accepted': 'Accepted',
    'status.declined': 'Declined',
    'status.tentative': 'Tentative',
    'status.delegated': 'Substitute sent',
    'status.removed': 'Invitation withdrawn',

    'rsvp.pageTitle': 'Reply to the invitation: {title}',
    'rsvp.intro': 'You are invited to the {kind} below.',
    'rsvp.current': 'Your current reply',
    'rsvp.delegatedTo': '{name} attends in your place',
    'rsvp.choose': 'Please choose your reply:',
    'rsvp.changeHint': 'You can change your reply until the {kind} starts.',
    'rsvp.proposed': 'You chose “{answer}” in the invitation e-mail. Please press the “{answer}” button below to send your reply.',
    'rsvp.proposedSubstitute': 'Please enter your substitute in “{section}” below.',
    'rsvp.currentMark': '(current)',
    'rsvp.substituteHelp': 'If you cannot attend, you can send someone in your place. They will receive their own invitation by e-mail.',
    'rsvp.substituteSubmit': 'Send the substitute',
    'rsvp.closed': 'Replies are closed: the {kind} has started.',
    'rsvp.cancelled': 'Notice: this {kind} has been cancelled.',
    'rsvp.ics': 'Download the calendar file (.ics)',

    'saved.accepted': 'Recorded: you will attend. Thank you!',
    'saved.declined': 'Recorded: you will not attend.',
    'saved.tentative': 'Recorded: your reply is tentative.',
    'saved.delegated': 'Recorded: {name} will attend in your place. An invitation will be sent to {email}.',
    'saved.nominee': 'Recorded: {name} is nominated. An invitation will be sent to {email}.',

    'field.fullName': 'Full name',
    'field.title': 'Title (position)',
    'field.email': 'E-mail address',
    'field.optional': '(optional)',

    'form.invalid': 'Not sent yet: please check the marked fields.',
    'problem.required': 'Please fill in this field.',
    'problem.invalid_email': 'This is not a valid e-mail address.',
    'problem.too_long': 'This is too long.',
    'problem.already_invited': 'This person is already invited.',

    'error.invalid_answer': 'That reply is not valid; please choose again.',
    'error.failed': 'Not recorded because of a system error. Please try again in a few minutes.',
    'error.quota_full': 'All {quota} seats are taken; no more attendees can be nominated.',
    'error.system.title': 'Something went wrong',
    'error.system.body': 'Your request could not be handled because of a system error. Please try again in a few minutes.',

    'token.not_found.title': 'Invalid link',
    'token.not_found.body': 'No invitation matches this link. Please open the link in the invitation e-mail again (copied completely, without line breaks) or contact the organizer.',
    'token.expired.title': 'This link has expired',
    'token.expired.body': 'This link is no longer valid: the event has ended or the invitation was withdrawn. If you need help, please contact the organizer.',

    'nominate.pageTitle': 'Nominate attendees: {title}',
    'nominate.intro': '{host} asks {agency} to nominate attendees for the {kind} below.',
    'nominate.count': '{count} of {quota} seats nominated.',
    'nominate.remaining': '{remaining} more can be nominated.',
    'nominate.full': 'All seats have been nominated. Thank you!',
    'nominate.listHeading': 'Nominated attendees',
    'nominate.empty': 'Nobody has been nominated yet.',
    'nominate.formHeading': 'Add an attendee',
    'nominate.help': 'Each nominee receives a personal invitation by e-mail.',
    'nominate.submit': 'Nominate',
    'nominate.closed': 'Nominations are closed.',
    'col.index': 'No.',
    'col.status': 'Status',
  },
);

export type PageMessages = typeof pageMessages.vi;

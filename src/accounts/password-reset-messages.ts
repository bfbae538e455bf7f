import { defineCatalog } from '../common/i18n/i18n';

/** The password-reset mail (sent in Vietnamese: the recipient has not chosen a language yet). */
export const resetMailMessages = defineCatalog(
  {
    subject: 'Đặt lại mật khẩu hoinghi',
    greeting: 'Kính gửi {name},',
    intro: 'Có yêu cầu đặt lại mật khẩu cho tài khoản {email}. Bấm vào nút dưới đây để đặt mật khẩu mới (đường dẫn dùng được một lần, trong {minutes} phút).',
    button: 'Đặt mật khẩu mới',
    ignore: 'Nếu đồng chí không yêu cầu, hãy bỏ qua thư này: mật khẩu hiện tại vẫn giữ nguyên.',
    footer: 'Thư tự động từ hệ thống quản lý hội nghị hoinghi. Vui lòng không trả lời thư này.',
  },
  {
    subject: 'Reset your hoinghi password',
    greeting: 'Dear {name},',
    intro: 'Someone asked to reset the password of {email}. Press the button below to choose a new one (the link works once, for {minutes} minutes).',
    button: 'Choose a new password',
    ignore: 'If you did not ask for this, ignore this mail: your password stays as it is.',
    footer: 'An automatic mail from the hoinghi conference system. Please do not reply.',
  },
);

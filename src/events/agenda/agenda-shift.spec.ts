import { matchSessions, shiftAgenda, type Slot, type TimedItem } from './agenda-shift';

// Hà Nội time (UTC+7) written as UTC instants.
const t = (local: string) => new Date(`${local}:00+07:00`);
const s = (from: string, to: string, title: string | null = null): Slot => ({ startsAt: t(from), endsAt: t(to), title });
let n = 0;
const item = (at: string | null, title = `Mục ${++n}`): TimedItem => ({ id: `i${n}`, position: n, title, startsAt: at ? t(at) : null });

describe('shiftAgenda', () => {
  it('moves every item by the session’s move, keeping its offset (a 30-minute move)', () => {
    const items = [item('2015-04-10T14:00', 'Phát biểu khai mạc'), item('2015-04-10T14:15', 'Báo cáo'), item('2015-04-10T16:45', 'Kết luận')];
    const r = shiftAgenda([s('2015-04-10T14:00', '2015-04-10T17:00')], [s('2015-04-10T14:30', '2015-04-10T17:30')], items);
    expect(r.outside).toEqual([]);
    expect(r.moved.map((m) => [m.title, m.to])).toEqual([
      ['Phát biểu khai mạc', t('2015-04-10T14:30')],
      ['Báo cáo', t('2015-04-10T14:45')],
      ['Kết luận', t('2015-04-10T17:15')],
    ]);
  });

  it('moves each day’s items with their own session in a multi-day event (sessions moved by different amounts)', () => {
    const before = [s('2013-12-02T07:30', '2013-12-02T17:00', 'Ngày 1'), s('2013-12-03T07:30', '2013-12-03T17:00', 'Ngày 2')];
    const after = [s('2013-12-09T08:00', '2013-12-09T17:00', 'Ngày 1'), s('2013-12-11T07:30', '2013-12-11T17:00', 'Ngày 2')];
    const r = shiftAgenda(before, after, [item('2013-12-02T07:30'), item('2013-12-02T13:30'), item('2013-12-03T09:00')]);
    expect(r.outside).toEqual([]);
    expect(r.moved.map((m) => m.to)).toEqual([t('2013-12-09T08:00'), t('2013-12-09T14:00'), t('2013-12-11T09:00')]);
  });

  it('matches by position in start order when the count is unchanged, whatever order the sessions are given in', () => {
    const before = [s('2015-04-11T08:00', '2015-04-11T11:00'), s('2015-04-10T08:00', '2015-04-10T11:00')];
    const after = [s('2015-04-18T08:00', '2015-04-18T11:00'), s('2015-04-17T08:00', '2015-04-17T11:00')];
    const r = shiftAgenda(before, after, [item('2015-04-10T09:00'), item('2015-04-11T10:00')]);
    expect(r.moved.map((m) => m.to)).toEqual([t('2015-04-17T09:00'), t('2015-04-18T10:00')]);
  });

  it('matches by title when a session is added, even if the sessions moved apart', () => {
    const before = [s('2015-04-10T08:00', '2015-04-10T11:00', 'Buổi sáng'), s('2015-04-10T13:30', '2015-04-10T17:00', 'Buổi chiều')];
    const after = [s('2015-04-09T13:30', '2015-04-09T17:00', 'Khai mạc'), s('2015-04-10T08:30', '2015-04-10T11:30', 'buổi sáng '), s('2015-04-10T14:00', '2015-04-10T17:30', 'Buổi chiều')];
    const r = shiftAgenda(before, after, [item('2015-04-10T08:00'), item('2015-04-10T16:00')]);
    expect(r.outside).toEqual([]);
    expect(r.moved.map((m) => m.to)).toEqual([t('2015-04-10T08:30'), t('2015-04-10T16:30')]);
  });

  it('matches by overlap when a session is removed: the kept session’s items move with it', () => {
    const before = [s('2015-04-10T08:00', '2015-04-10T11:00'), s('2015-04-10T13:30', '2015-04-10T17:00')];
    const after = [s('2015-04-10T08:30', '2015-04-10T11:30')];
    expect([...matchSessions(before, after).keys()]).toEqual([0]);
    const r = shiftAgenda(before, after, [item('2015-04-10T08:00'), item('2015-04-10T10:45', 'Kết luận buổi sáng')]);
    expect(r.outside).toEqual([]);
    expect(r.moved.map((m) => m.to)).toEqual([t('2015-04-10T08:30'), t('2015-04-10T11:15')]);
  });

  it('keeps the items of a session merged into another where they are when they are still inside', () => {
    const before = [s('2015-04-10T08:00', '2015-04-10T11:00'), s('2015-04-10T11:00', '2015-04-10T12:00')];
    const r = shiftAgenda(before, [s('2015-04-10T08:00', '2015-04-10T12:00')], [item('2015-04-10T08:00'), item('2015-04-10T11:30')]);
    expect(r).toEqual({ moved: [], outside: [] });
  });

  it('reports an item that would fall outside every new session (a shortened session), with where it would go', () => {
    const last = item('2015-04-10T16:30', 'Kết luận');
    const r = shiftAgenda([s('2015-04-10T14:00', '2015-04-10T17:00')], [s('2015-04-10T14:00', '2015-04-10T16:00')], [item('2015-04-10T14:00'), last]);
    expect(r.moved).toEqual([]);
    expect(r.outside).toEqual([{ id: last.id, position: last.position, title: 'Kết luận', from: t('2015-04-10T16:30'), to: t('2015-04-10T16:30') }]);
  });

  it('reports the items of a removed session that nothing replaces', () => {
    const before = [s('2015-04-10T08:00', '2015-04-10T11:00'), s('2015-04-11T08:00', '2015-04-11T11:00')];
    const r = shiftAgenda(before, [s('2015-04-10T08:00', '2015-04-10T11:00')], [item('2015-04-10T09:00'), item('2015-04-11T09:00', 'Thảo luận')]);
    expect(r.outside.map((m) => m.title)).toEqual(['Thảo luận']);
  });

  it('leaves untimed items alone and reports nothing when the sessions do not change', () => {
    const same = [s('2015-04-10T14:00', '2015-04-10T17:00')];
    expect(shiftAgenda(same, same, [item(null), item('2015-04-10T15:00')])).toEqual({ moved: [], outside: [] });
  });
});

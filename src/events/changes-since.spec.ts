import { changesSince, type EventChangedPayload } from './signals';

const at = (d: string) => ({ startsAt: d, endsAt: d, title: null });
const signals: EventChangedPayload[] = [
  { eventId: 'e', sequence: 1, changes: [{ field: 'time', before: [at('2015-04-10T07:00:00Z')] }] },
  { eventId: 'e', sequence: 2, changes: [{ field: 'venue', before: { venueName: 'Hội trường A', venueAddress: null } }] },
  { eventId: 'e', sequence: 3, changes: [{ field: 'time', before: [at('2015-04-11T01:00:00Z')] }] },
  { eventId: 'e', sequence: 4, changes: [] },
];

describe('changesSince: what an invitee is told changed since the version they have', () => {
  it('lists every field changed after their version once, with the value they last saw', () => {
    expect(changesSince(signals, 0, 3)).toEqual([
      { field: 'time', before: [at('2015-04-10T07:00:00Z')] },
      { field: 'venue', before: { venueName: 'Hội trường A', venueAddress: null } },
    ]);
  });

  it('leaves out what they already saw and what is newer than the version sent', () => {
    expect(changesSince(signals, 2, 3)).toEqual([{ field: 'time', before: [at('2015-04-11T01:00:00Z')] }]);
    expect(changesSince(signals, 0, 1)).toEqual([{ field: 'time', before: [at('2015-04-10T07:00:00Z')] }]);
    expect(changesSince(signals, 3, 4)).toEqual([]);
  });
});

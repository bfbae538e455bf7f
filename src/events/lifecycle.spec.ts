import { nextStatus } from './lifecycle';

describe('event lifecycle', () => {
  it.each([
    ['draft', 'publish', 'scheduled'],
    ['scheduled', 'start', 'in_progress'],
    ['in_progress', 'complete', 'completed'],
    ['scheduled', 'complete', 'completed'],
    ['draft', 'cancel', 'cancelled'],
    ['scheduled', 'cancel', 'cancelled'],
  ] as const)('%s --%s--> %s', (from, action, to) => expect(nextStatus(from, action)).toBe(to));

  it.each([
    ['scheduled', 'publish'],
    ['completed', 'cancel'],
    ['in_progress', 'cancel'],
    ['cancelled', 'publish'],
    ['draft', 'complete'],
    ['draft', 'start'],
    ['completed', 'start'],
  ] as const)('refuses %s --%s-->', (from, action) => expect(nextStatus(from, action)).toBeNull());
});

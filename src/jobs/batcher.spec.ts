import { Batcher } from './batcher';

describe('Batcher', () => {
  it('writes concurrent adds in one call and gives each its own result', async () => {
    const calls: number[][] = [];
    const b = new Batcher<number, string>(async (keys) => {
      calls.push(keys);
      return new Map(keys.map((k) => [k, `r${k}`]));
    });
    const results = await Promise.all([1, 2, 3].map((k) => b.add(k)));
    expect(results).toEqual(['r1', 'r2', 'r3']);
    expect(calls).toEqual([[1, 2, 3]]);
  });

  it('closes a batch at maxItems and rejects every add of a batch whose write fails', async () => {
    const calls: number[][] = [];
    const b = new Batcher<number>(async (keys) => {
      calls.push(keys);
      if (keys.includes(3)) throw new Error('database away');
    }, 2);
    const settled = await Promise.allSettled([1, 2, 3].map((k) => b.add(k)));
    expect(calls).toEqual([[1, 2], [3]]);
    expect(settled.map((s) => s.status)).toEqual(['fulfilled', 'fulfilled', 'rejected']);
  });
});

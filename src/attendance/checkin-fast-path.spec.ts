import 'reflect-metadata';
import { type ArgumentMetadata, ValidationPipe } from '@nestjs/common';
import { createValidationPipe } from '../common/errors/validation';
import { CodeCheckInDto } from './dto/attendance.dto';

/**
 * The self check-in's body has a written-out fast path (registerFastPath): a body it accepts must be
 * exactly what the full validation makes of it, and a body it does not accept goes the full way.
 */
describe('the check-in body fast path', () => {
  const pipe = createValidationPipe();
  const metadata: ArgumentMetadata = { type: 'body', metatype: CodeCheckInDto, data: '' };
  /** The full validation alone (the base ValidationPipe's transform on the same configured pipe). */
  const full = (body: unknown) => ValidationPipe.prototype.transform.call(pipe, body, metadata) as Promise<unknown>;
  const outcome = (p: Promise<unknown>) =>
    p.then(
      (dto) => ({ ok: true as const, dto }),
      (e: { getResponse?: () => unknown }) => ({ ok: false as const, error: e.getResponse?.() ?? e }),
    );

  const nonce = '2f1d6c1e-5b0a-4c5e-9d55-0c1c4f3a9b10';
  const bodies: [string, unknown][] = [
    ['the page’s body', { nonce, code: '042917' }],
    ['keys the other way round', { code: '000000', nonce: 'abcdefgh' }],
    ['the longest nonce', { nonce: 'x'.repeat(64), code: '123456' }],
    ['code with spaces (the full path strips them)', { nonce, code: '042 917' }],
    ['five digits', { nonce, code: '04291' }],
    ['seven digits', { nonce, code: '0429170' }],
    ['code as a number', { nonce, code: 42917 }],
    ['letters in the code', { nonce, code: '04a917' }],
    ['a short nonce', { nonce: 'abc', code: '042917' }],
    ['a nonce with a space', { nonce: 'abc defgh', code: '042917' }],
    ['a 65-character nonce', { nonce: 'x'.repeat(65), code: '042917' }],
    ['no nonce', { code: '042917' }],
    ['no code', { nonce }],
    ['an unknown field', { nonce, code: '042917', admin: true }],
    ['with a session', { nonce, code: '042917', sessionId: '00000000-0000-4000-8000-000000000001' }],
    ['offline with a scan time', { nonce, code: '042917', offline: true, scannedAt: '2015-04-10T14:05' }],
    ['nonce as an array', { nonce: [nonce], code: '042917' }],
    ['empty', {}],
  ];

  it.each(bodies)('%s: the same result as the full validation', async (_name, body) => {
    const fast = await outcome(pipe.transform(body, metadata) as Promise<unknown>);
    const slow = await outcome(full(body));
    expect(fast).toStrictEqual(slow);
    if (fast.ok) expect(fast.dto).toBeInstanceOf(CodeCheckInDto);
  });

  it('takes the fast path for the page’s body and the full one for the others', async () => {
    const fullPath = jest.spyOn(ValidationPipe.prototype, 'transform');
    try {
      await pipe.transform({ nonce, code: '042917' }, metadata);
      expect(fullPath).not.toHaveBeenCalled();
      const spaced = (await pipe.transform({ nonce, code: '042 917' }, metadata)) as CodeCheckInDto;
      expect(fullPath).toHaveBeenCalledTimes(1);
      expect(spaced.code).toBe('042917');
    } finally {
      fullPath.mockRestore();
    }
  });
});

import { hashPassword, verifyPassword } from './password';

describe('password hashing', () => {
  it('verifies the right password and refuses a wrong one', async () => {
    const hash = await hashPassword('mật-khẩu-đúng');
    expect(hash).toMatch(/^scrypt\$32768\$8\$1\$/);
    await expect(verifyPassword('mật-khẩu-đúng', hash)).resolves.toBe(true);
    await expect(verifyPassword('mat-khau-dung', hash)).resolves.toBe(false);
  });

  it('salts every hash', async () => {
    expect(await hashPassword('x')).not.toBe(await hashPassword('x'));
  });

  it('treats decomposed and composed Vietnamese input as the same password', async () => {
    const hash = await hashPassword('Sơn');
    await expect(verifyPassword('So\u031bn', hash)).resolves.toBe(true);
  });
});

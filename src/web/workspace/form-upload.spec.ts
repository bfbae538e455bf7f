import { parseMultipart, uploadedFile } from './form-upload';

const CT = 'multipart/form-data; boundary=----b0undary';
const part = (headers: string, content: string) => `------b0undary\r\n${headers}\r\n\r\n${content}\r\n`;
const body = (...parts: string[]) => Buffer.from(`${parts.join('')}------b0undary--\r\n`, 'utf8');

describe('parseMultipart', () => {
  it('reads the text fields and keeps the file as a hidden property (never walked by the body-shape check)', () => {
    const parsed = parseMultipart(body(part('Content-Disposition: form-data; name="_csrf"', 'tok'), part('Content-Disposition: form-data; name="file"; filename="cán bộ.csv"\r\nContent-Type: text/csv', 'a,b\r\n1,2')), CT)!;
    expect(parsed).toEqual({ _csrf: 'tok' });
    expect(Object.keys(parsed)).toEqual(['_csrf']);
    expect(uploadedFile(parsed)!.filename).toBe('cán bộ.csv');
    expect(uploadedFile(parsed)!.bytes.toString('utf8')).toBe('a,b\r\n1,2');
  });

  it('refuses a body without its boundary, a truncated one, a part without a name, and more than 20 parts', () => {
    expect(parseMultipart(body(part('Content-Disposition: form-data; name="a"', '1')), 'multipart/form-data')).toBeNull();
    expect(parseMultipart(Buffer.from(part('Content-Disposition: form-data; name="a"', '1').slice(0, 30)), CT)).toBeNull();
    expect(parseMultipart(body(part('Content-Disposition: form-data', '1')), CT)).toBeNull();
    expect(parseMultipart(body(...Array.from({ length: 21 }, (_, i) => part(`Content-Disposition: form-data; name="f${i}"`, 'x'))), CT)).toBeNull();
    expect(parseMultipart(body(...Array.from({ length: 20 }, (_, i) => part(`Content-Disposition: form-data; name="f${i}"`, 'x'))), CT)).not.toBeNull();
  });
});

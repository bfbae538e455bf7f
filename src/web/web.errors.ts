/** Codes of the web module's own refusals (see src/common/errors/error-codes.ts for the naming). */
export enum WebError {
  /** 403: a workspace form posted without its CSRF token, or with one of another browser (a cross-site post). */
  CsrfInvalid = 'web.csrf_invalid',
  /** 401: a workspace page without a valid session (answered by a redirect to /login). */
  SignInRequired = 'web.sign_in_required',
}

/** Rules a person's fields share, in the API and in CSV imports. */
export const lowerEmail = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim().toLowerCase() : value);
export const PHONE = /^[0-9+() .-]{6,32}$/;

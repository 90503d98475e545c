// How people are reached, read the same way by every service: email addresses and phone numbers (libphonenumber-js).
export { normalizeEmail } from './email-address';
export { defaultPhoneCountry, isPhoneCountry, normalizePhone, phoneKey } from './phone-number';

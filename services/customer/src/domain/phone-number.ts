// Phone numbers are read the same way by every service: @crm/platform/contact-points.
export { defaultPhoneCountry, isPhoneCountry, normalizePhone, phoneKey } from '@crm/platform/contact-points';

// Email addresses are read the same way by every service: @crm/platform/contact-points.
export { normalizeEmail } from '@crm/platform/contact-points';

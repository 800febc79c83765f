import { SetMetadata } from '@nestjs/common';

export const ALLOW_DURING_MFA_ENROLMENT = 'zhdj:allowDuringMfaEnrolment';
/**
 * Lets an administrator who must still enrol TOTP (MFA_REQUIRED_FOR_ADMINS) call this route; everything else answers
 * 403 MFA_ENROLMENT_REQUIRED until enrolment is done.
 */
export const AllowDuringMfaEnrolment = () => SetMetadata(ALLOW_DURING_MFA_ENROLMENT, true);

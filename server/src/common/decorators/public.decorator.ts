import { SetMetadata } from '@nestjs/common';

export const IS_PUBLIC = 'zhdj:isPublic';
/** Opts a route out of the global authentication guard (login, health, letter verification). */
export const Public = () => SetMetadata(IS_PUBLIC, true);

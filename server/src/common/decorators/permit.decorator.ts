import { SetMetadata } from '@nestjs/common';
import type { Permission } from '@zhdj/shared';

export const REQUIRED_PERMISSION = 'zhdj:permission';
/**
 * The permission (from the shared role table) a route needs. Callers without it get 403; whether the target is
 * inside their scope is the service's check (404 outside). Routes without @Permit need only a valid login.
 */
export const Permit = (permission: Permission) => SetMetadata(REQUIRED_PERMISSION, permission);

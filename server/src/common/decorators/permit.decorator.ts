import { SetMetadata, applyDecorators } from '@nestjs/common';
import { ApiExtension } from '@nestjs/swagger';
import type { Permission } from '@zhdj/shared';

export const REQUIRED_PERMISSION = 'zhdj:permission';

/**
 * The permission (from the shared role table) a route needs. Callers without it get 403; whether the target is
 * inside their scope is the service's check (404 outside). The permission is also published in the OpenAPI document
 * as `x-permission`, where the scope-isolation suite reads it: every operation must declare one (see Authenticated
 * and Public for the other two kinds).
 */
export const Permit = (permission: Permission) => applyDecorators(SetMetadata(REQUIRED_PERMISSION, permission), ApiExtension('x-permission', permission));

/** Any logged-in user may call the route; the service decides what they see (their own records, or 404). */
export const Authenticated = () => ApiExtension('x-permission', 'authenticated');

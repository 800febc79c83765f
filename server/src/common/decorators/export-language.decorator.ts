import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { exportLanguage, type ExportLanguage } from '../language';

/** The language an export is asked for in (`Accept-Language`; Chinese unless English comes first). */
export const ExportLang = createParamDecorator((_: unknown, ctx: ExecutionContext): ExportLanguage => {
  return exportLanguage(ctx.switchToHttp().getRequest<{ headers: Record<string, string | string[] | undefined> }>().headers['accept-language']);
});

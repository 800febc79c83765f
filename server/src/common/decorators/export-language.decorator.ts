import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { ApiHeader } from '@nestjs/swagger';
import { exportLanguage, type ExportLanguage } from '../language';

/** The language an export is asked for in (`Accept-Language`; Chinese unless English comes first). */
export const ExportLang = createParamDecorator((_: unknown, ctx: ExecutionContext): ExportLanguage => {
  return exportLanguage(ctx.switchToHttp().getRequest<{ headers: Record<string, string | string[] | undefined> }>().headers['accept-language']);
});

/** The API docs' word on it, beside each export that reads the language. */
export const ApiExportLanguage = () =>
  ApiHeader({
    name: 'Accept-Language',
    required: false,
    description: 'The file is headed and worded in English when English is the most preferred language (`en`, `en-GB`); otherwise in Chinese.',
  });

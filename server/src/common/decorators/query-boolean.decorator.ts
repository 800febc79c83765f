import { applyDecorators } from '@nestjs/common';
import { Transform } from 'class-transformer';
import { IsBoolean, IsOptional } from 'class-validator';

/**
 * An optional yes/no filter of a query string: exactly `true` or `false` (anything else, `1` or `yes`, is a 400 rather
 * than a guess). Query values arrive as strings, and class-transformer's implicit conversion would read "false" as true.
 */
export const QueryBoolean = (): PropertyDecorator =>
  applyDecorators(
    IsOptional(),
    Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value)),
    IsBoolean(),
  );

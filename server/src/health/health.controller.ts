import { Controller, Get, HttpStatus } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ErrorCode } from '@zhdj/shared';
import { Db } from '../common/database/db.service';
import { Public } from '../common/decorators/public.decorator';
import { AppException } from '../common/errors/app.exception';

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(private readonly db: Db) {}

  @Public()
  @Get()
  @ApiOkResponse({ schema: { example: { status: 'ok', database: 'up', driver: 'better-sqlite3' } } })
  async check() {
    let timer: NodeJS.Timeout | undefined;
    try {
      await Promise.race([
        this.db.query('SELECT 1 AS ok'),
        new Promise((_, reject) => {
          timer = setTimeout(() => reject(new Error('timeout')), 2000).unref();
        }),
      ]);
    } catch {
      throw new AppException(HttpStatus.SERVICE_UNAVAILABLE, ErrorCode.DATABASE_UNAVAILABLE, 'The database is unreachable', { database: 'down' });
    } finally {
      // Monitors poll this often: an answered check leaves no two-second timer behind it.
      clearTimeout(timer);
    }
    return { status: 'ok', database: 'up', driver: this.db.ds.options.type };
  }
}

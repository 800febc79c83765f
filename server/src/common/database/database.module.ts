import { Global, Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../../config/app.config';
import { createDataSource } from '../../database/data-source';
import { IdNumberCipher } from '../crypto/id-number-cipher';
import { Db } from './db.service';

@Global()
@Module({
  providers: [
    {
      provide: DataSource,
      inject: [APP_CONFIG],
      useFactory: async (config: AppConfig) => {
        const ds = await createDataSource(config.db);
        return ds.initialize();
      },
    },
    Db,
    IdNumberCipher,
  ],
  exports: [DataSource, Db, IdNumberCipher],
})
export class DatabaseModule implements OnApplicationShutdown {
  constructor(@Inject(DataSource) private readonly ds: DataSource) {}

  async onApplicationShutdown(): Promise<void> {
    if (this.ds.isInitialized) await this.ds.destroy();
  }
}

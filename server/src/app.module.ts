import { Global, Module, type DynamicModule } from '@nestjs/common';
import { AuditModule } from './audit/audit.module';
import { AuthModule } from './auth/auth.module';
import { DatabaseModule } from './common/database/database.module';
import { APP_CONFIG, type AppConfig } from './config/app.config';
import { HealthController } from './health/health.controller';
import { MembersModule } from './members/members.module';
import { OrganizationsModule } from './organizations/organizations.module';
import { NotificationsModule } from './notifications/notifications.module';
import { TransfersModule } from './transfers/transfers.module';
import { BookingsModule } from './bookings/bookings.module';
import { ScheduleModule } from '@nestjs/schedule';
import { StudyModule } from './study/study.module';
import { CalendarModule } from './calendar/calendar.module';

@Global()
@Module({})
class ConfigModule {
  static forRoot(config: AppConfig): DynamicModule {
    return { module: ConfigModule, providers: [{ provide: APP_CONFIG, useValue: config }], exports: [APP_CONFIG] };
  }
}

@Module({})
export class AppModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        ScheduleModule.forRoot(),
        DatabaseModule,
        AuditModule,
        AuthModule,
        NotificationsModule,
        OrganizationsModule,
        MembersModule,
        TransfersModule,
        BookingsModule,
        StudyModule,
        CalendarModule,
      ],
      controllers: [HealthController],
    };
  }
}

import { Module } from '@nestjs/common';
import { OrganizationsModule } from '../organizations/organizations.module';
import { BookingReminderJob } from './booking-reminder.job';
import { BookingsController } from './bookings.controller';
import { BookingsService } from './bookings.service';
import { ServiceCentersController } from './service-centers.controller';
import { ServiceCentersService } from './service-centers.service';

@Module({
  imports: [OrganizationsModule],
  controllers: [ServiceCentersController, BookingsController],
  providers: [ServiceCentersService, BookingsService, BookingReminderJob],
  exports: [BookingsService, ServiceCentersService, BookingReminderJob],
})
export class BookingsModule {}

import { Module } from '@nestjs/common';
import { BookingsModule } from '../bookings/bookings.module';
import { CalendarController } from './calendar.controller';
import { CalendarService } from './calendar.service';

@Module({
  imports: [BookingsModule],
  controllers: [CalendarController],
  providers: [CalendarService],
})
export class CalendarModule {}

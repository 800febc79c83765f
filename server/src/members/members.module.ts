import { Module } from '@nestjs/common';
import { OrganizationsModule } from '../organizations/organizations.module';
import { MemberExportService } from './member-export.service';
import { MemberImportService } from './member-import.service';
import { MemberAccountService } from './member-account.service';
import { MemberMoves } from './member-moves';
import { MemberWriter } from './member-writer';
import { MembersController } from './members.controller';
import { MembersService } from './members.service';

@Module({
  imports: [OrganizationsModule],
  controllers: [MembersController],
  providers: [MembersService, MemberWriter, MemberMoves, MemberAccountService, MemberImportService, MemberExportService],
  exports: [MembersService, MemberWriter, MemberMoves],
})
export class MembersModule {}

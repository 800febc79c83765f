import { Module } from '@nestjs/common';
import { OrganizationsModule } from '../organizations/organizations.module';
import { LettersController } from './letters.controller';
import { LettersService } from './letters.service';

@Module({ imports: [OrganizationsModule], controllers: [LettersController], providers: [LettersService], exports: [LettersService] })
export class LettersModule {}

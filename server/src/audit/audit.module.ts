import { Global, Module } from '@nestjs/common';
import { AuditChainService } from './audit-chain.service';
import { AuditService } from './audit.service';

@Global()
@Module({ providers: [AuditService, AuditChainService], exports: [AuditService, AuditChainService] })
export class AuditModule {}

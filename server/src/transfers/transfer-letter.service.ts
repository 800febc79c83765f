import { Injectable } from '@nestjs/common';
import { Permission } from '@zhdj/shared';
import { AuditService } from '../audit/audit.service';
import type { Actor } from '../common/actor';
import { Db } from '../common/database/db.service';
import { LettersService } from '../letters/letters.service';
import { TransfersService } from './transfers.service';

/** The letter PDF carries the full ID number: only those who may read the transfer get it, and every print is audited. */
@Injectable()
export class TransferLetterService {
  constructor(
    private readonly db: Db,
    private readonly transfers: TransfersService,
    private readonly letters: LettersService,
    private readonly audit: AuditService,
  ) {}

  async pdf(actor: Actor, transferId: number): Promise<{ serial: string; pdf: Buffer }> {
    const t = await this.transfers.findVisible(actor, transferId);
    const out = await this.letters.pdf(actor, t.id);
    await this.db.tx((em) =>
      this.audit.record(em, actor, {
        action: 'letter.print',
        targetType: 'transfer',
        targetId: t.id,
        permission: Permission.TRANSFER_READ,
        path: t.issuerOrgPath ?? undefined,
        detail: { serial: out.serial },
      }),
    );
    return out;
  }
}

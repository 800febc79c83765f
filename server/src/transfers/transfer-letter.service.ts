import { Injectable } from '@nestjs/common';
import { Permission } from '@zhdj/shared';
import { AuditService } from '../audit/audit.service';
import type { Actor } from '../common/actor';
import { Db } from '../common/database/db.service';
import { LettersService } from '../letters/letters.service';
import type { LetterPdfPurpose } from './dto/transfer.dto';
import { TransfersService } from './transfers.service';

/**
 * The letter PDF carries the full ID number: only those who may read the transfer get it, and every fetch is audited —
 * as a print (counted on the letter), a view or a download.
 */
@Injectable()
export class TransferLetterService {
  constructor(
    private readonly db: Db,
    private readonly transfers: TransfersService,
    private readonly letters: LettersService,
    private readonly audit: AuditService,
  ) {}

  async pdf(actor: Actor, transferId: number, purpose: LetterPdfPurpose): Promise<{ serial: string; pdf: Buffer }> {
    const t = await this.transfers.findVisible(actor, transferId);
    const { letterId, serial, pdf } = await this.letters.pdf(t.id);
    // A print is counted with its audit record, in one transaction: never one without the other.
    await this.db.tx(async (em) => {
      if (purpose === 'print') await this.letters.countPrint(em, letterId, actor);
      await this.audit.record(em, actor, {
        action: `letter.${purpose}`,
        targetType: 'transfer',
        targetId: t.id,
        permission: Permission.TRANSFER_READ,
        path: t.issuerOrgPath ?? undefined,
        detail: { serial },
      });
    });
    return { serial, pdf };
  }
}

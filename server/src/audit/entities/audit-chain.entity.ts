import { Column, Entity, PrimaryColumn } from 'typeorm';

/** The head of the audit hash chain: one row, locked by the sealer while it extends the chain. */
@Entity('audit_chain')
export class AuditChain {
  @PrimaryColumn({ type: 'integer' })
  id: number;

  @Column({ type: 'integer', default: 0 })
  lastSeq: number;

  @Column({ type: 'varchar', length: 64 })
  lastHash: string;
}

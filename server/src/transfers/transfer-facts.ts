import { holderOf, type ActorFacts, type TransferFacts } from '@zhdj/shared';
import type { EntityManager } from 'typeorm';
import type { Actor } from '../common/actor';
import { nearestAdmins, type NearestAdmins } from '../notifications/nearest-admins';
import type { Transfer } from './entities/transfer.entity';

/** The root's path (`/1/`) is the first segment of any path in the tree. */
export const rootPathOf = (path: string) => `/${path.split('/').filter(Boolean)[0]}/`;

export function factsOf(t: Transfer): TransferFacts {
  const anyPath = t.sourceOrgPath ?? t.destinationCommitteePath ?? '/1/';
  return {
    channel: t.channel,
    state: t.state,
    memberId: t.memberId,
    sourceBranchPath: t.sourceOrgPath,
    sourceCommitteePath: t.sourceCommitteePath,
    issuerPath: t.issuerOrgPath,
    countyPath: rootPathOf(anyPath),
    destinationCommitteePath: t.destinationCommitteePath,
    destinationBranchPath: t.destinationBranchPath,
    countyApprovalRequired: t.countyApprovalRequired,
  };
}

export function actorFacts(actor: Actor, system = false): ActorFacts {
  return { memberId: actor.memberId, assignments: actor.assignments.map((a) => ({ role: a.role, path: a.orgPath })), system };
}

/**
 * Writes who holds the transfer now (its queue) from its state, and whose administrators serve that step. Returns those
 * administrators, so that telling them (TransferTimeline.notifyHolder) does not read them a second time.
 */
export async function applyHolder(em: EntityManager, t: Transfer): Promise<NearestAdmins> {
  const h = holderOf(factsOf(t));
  t.holderKind = h.kind;
  t.holderOrgPath = h.path;
  t.holderOrgId = h.path ? Number(h.path.split('/').filter(Boolean).at(-1)) : null;
  const served = await nearestAdmins((sql, params) => em.query(sql, params), h.kind, h.path);
  t.servedOrgPath = served.orgPath;
  return served;
}

/** Every organisation path a transfer touches: an administrator covering any of them may read it. */
export function pathsOf(t: Pick<Transfer, 'sourceOrgPath' | 'sourceCommitteePath' | 'issuerOrgPath' | 'destinationCommitteePath' | 'destinationBranchPath'>): string[] {
  return [t.sourceOrgPath, t.issuerOrgPath, t.destinationCommitteePath, t.destinationBranchPath].filter((p): p is string => !!p);
}

/** The columns an update writes: everything but the key, the version (checked separately) and the relation. */
export function mutableColumns(t: Transfer): Partial<Transfer> {
  const { id: _id, version: _version, member: _member, ...columns } = t;
  return columns;
}

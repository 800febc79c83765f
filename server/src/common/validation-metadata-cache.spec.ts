import { IsInt, IsString, MetadataStorage, getMetadataStorage, validate } from 'class-validator';
import { describe, expect, it } from 'vitest';
import { CreateMemberDto, UpdateMemberDto } from '../members/dto/member.dto';
import { ListTransfersQuery } from '../transfers/dto/transfer.dto';
import { cacheValidationMetadata } from './validation-metadata-cache';

describe('cacheValidationMetadata', () => {
  cacheValidationMetadata();
  const storage = getMetadataStorage();
  // class-validator's own computation, past the cache installed on the storage instance.
  const uncached = (target: new (...args: never[]) => object) => MetadataStorage.prototype.getTargetValidationMetadatas.call(storage, target, '', false, false);

  it('answers as class-validator does, inherited rules included, and answers the second time from the cache', () => {
    for (const dto of [CreateMemberDto, UpdateMemberDto, ListTransfersQuery]) {
      const first = storage.getTargetValidationMetadatas(dto, '', false, false);
      expect(first.length, dto.name).toBeGreaterThan(0);
      expect(first, dto.name).toEqual(uncached(dto));
      expect(storage.getTargetValidationMetadatas(dto, '', false, false), dto.name).toBe(first);
    }
    // CreateMemberDto's rules are mostly inherited from MemberFieldsDto.
    expect(storage.getTargetValidationMetadatas(CreateMemberDto, '', false, false).some((m) => m.target !== CreateMemberDto)).toBe(true);
  });

  it('forgets what it kept when a rule is added, so a rule declared later applies', async () => {
    class Later {
      @IsString() name = 'x';
      count: unknown = 'not a number';
    }
    expect(await validate(new Later())).toEqual([]);
    IsInt()(Later.prototype, 'count');
    const errors = await validate(new Later());
    expect(errors.map((e) => e.property)).toEqual(['count']);
  });
});

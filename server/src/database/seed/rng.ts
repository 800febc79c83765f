import { fakerZH_CN, type Faker } from '@faker-js/faker';

/** The seed's only source of randomness: faker with a fixed seed, so every run builds the same county. */
export function seededFaker(seed: number): Faker {
  fakerZH_CN.seed(seed);
  return fakerZH_CN;
}

export function pick<T>(f: Faker, items: readonly T[]): T {
  return items[f.number.int({ min: 0, max: items.length - 1 })];
}

/** True with probability p. */
export function chance(f: Faker, p: number): boolean {
  return f.number.float({ min: 0, max: 1 }) < p;
}

export function intBetween(f: Faker, min: number, max: number): number {
  return f.number.int({ min, max });
}

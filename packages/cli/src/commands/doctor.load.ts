import { dirname, resolve } from 'node:path';
import { importPackage, installCommand, userError } from '@mlship/core';

type DoctorModule = typeof import('@mlship/doctor');

const PACKAGE = '@mlship/doctor';

/**
 * `@mlship/doctor` brings the STS, IAM and Service Quotas clients, so like a deployer it is installed in the
 * project (next to release.yaml), not with the CLI; the CLI's own copy is the fallback. Undefined when neither has it.
 */
export async function loadDoctor(file: string): Promise<DoctorModule | undefined> {
  const found = await importPackage(PACKAGE, dirname(resolve(file)), (specifier) => import(specifier));
  return found?.mod as DoctorModule | undefined;
}

export async function requireDoctor(file: string): Promise<DoctorModule> {
  const doctor = await loadDoctor(file);
  if (doctor) return doctor;
  const projectDir = dirname(resolve(file));
  throw userError(
    'DOCTOR_MISSING',
    `${PACKAGE} is not installed (looked in ${projectDir} and next to mlship).`,
    `Install it in the project: ${installCommand([PACKAGE], projectDir)}`,
  );
}

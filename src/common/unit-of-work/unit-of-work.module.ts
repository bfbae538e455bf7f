import { Global, Module } from '@nestjs/common';
import { Clock } from '../time/clock';
import { UnitOfWork } from './unit-of-work';

/** The transaction host and the clock, for every module. */
@Global()
@Module({ providers: [UnitOfWork, Clock], exports: [UnitOfWork, Clock] })
export class UnitOfWorkModule {}

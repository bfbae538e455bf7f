import { Module } from '@nestjs/common';
import { OrganizationsModule } from '../organizations/organizations.module';
import { IndicatorsController } from './indicators.controller';
import { IndicatorsRepository } from './indicators.repository';
import { IndicatorsService } from './indicators.service';

/**
 * Chỉ số và xếp hạng: definitions, reported values, participation figures (over the read models of
 * invitations, attendance, training, people and organizations), scoring, rankings, published snapshots.
 */
@Module({
  imports: [OrganizationsModule],
  controllers: [IndicatorsController],
  providers: [IndicatorsRepository, IndicatorsService],
  exports: [IndicatorsService],
})
export class IndicatorsModule {}

import { applyDecorators } from '@nestjs/common';
import { Transform } from 'class-transformer';
import { IsDate, MaxDate, MinDate } from 'class-validator';
import { EARLIEST_INSTANT, LATEST_INSTANT, parseInstant } from './time';

/**
 * A time field of a DTO: `2015-04-10T14:00` (Hà Nội time) or an ISO instant with an offset, read by
 * `parseInstant`, from 1900 to 2200 — the years a period may name, and the bounds the tables hold too
 * (`instantInRangeSql`). `message` says what a bad value should have been; one outside those years is
 * refused as such (year 0 or 9999 parse, but a calendar, a list or a page cannot show them).
 */
export function IsInstant(message: string): PropertyDecorator {
  return applyDecorators(
    Transform(({ value }) => parseInstant(value)),
    IsDate({ message }),
    MinDate(EARLIEST_INSTANT, { message: 'must be in 1900 or later (Hà Nội time)' }),
    MaxDate(LATEST_INSTANT, { message: 'must be in 2200 or earlier (Hà Nội time)' }),
  );
}

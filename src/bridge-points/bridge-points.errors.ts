import type { ConstraintMap } from '../common/errors/error-codes';

/** Codes of the bridge-points module's errors (see src/common/errors/error-codes.ts for the naming). */
export enum BridgePointsError {
  /** 404: no bridge point with this id in this event. */
  NotFound = 'bridge_points.not_found',
  /** 409: bridge points belong to online and hybrid events. */
  NotOnline = 'bridge_points.not_online',
  /** 409: the event has a main point already. */
  MainTaken = 'bridge_points.main_taken',
  /** 409: the event has a point in this room of this organization already. */
  RoomTaken = 'bridge_points.room_taken',
  /** 409: the same room of the same organization, or the same MCU meeting id, is booked by another published event at an overlapping time (`details` name the other event). */
  Clash = 'bridge_points.clash',
  /** 409: a readiness transition that is not allowed (`untested` straight to `ready`), `details[0]` names the current state. */
  IllegalReadiness = 'bridge_points.illegal_readiness',
  /** 400: a fault readiness without the fault, or a fault kind with another readiness. */
  FaultRequired = 'bridge_points.fault_required',
  /** 409: the event is cancelled or completed; its points no longer change. */
  EventClosed = 'bridge_points.event_closed',
  /** 400: the organization has no district-level units under it. */
  NoDistricts = 'bridge_points.no_districts',
  /** 400: a participant named is not an active participant (a person) of this event. */
  NotAParticipant = 'bridge_points.not_a_participant',
  /** 400: a ticked name is not a participant assigned to this point. */
  NotOfThisPoint = 'bridge_points.not_of_this_point',
  /** 400: the agencies' lines add up to more than the headcount, or names ticked exceed it. */
  HeadcountInconsistent = 'bridge_points.headcount_inconsistent',
  /** 401: no coordinator token, or a malformed or forged one. */
  TokenInvalid = 'bridge_points.token_invalid',
  /** 403: a coordinator token of another point. */
  WrongPoint = 'bridge_points.wrong_point',
  /** 410: the coordinator link has expired (a day after the event) or the event was cancelled. */
  TokenExpired = 'bridge_points.token_expired',
  /** 400: an unknown person as technical contact. */
  ContactNotFound = 'bridge_points.contact_not_found',
}

export const BRIDGE_POINTS_CONSTRAINTS: ConstraintMap = {
  bridge_points_event_main_key: { field: 'isMain', message: 'The event has a main point already', code: BridgePointsError.MainTaken },
  bridge_points_event_room_key: { field: 'roomName', message: 'The event has a point in this room of this organization already', code: BridgePointsError.RoomTaken },
  bridge_points_contact_person_id_fkey: { field: 'contactPersonId', message: 'No such person', code: BridgePointsError.ContactNotFound },
  bridge_points_host_organization_id_fkey: { field: 'id', message: 'The organization hosts bridge points' },
  bridge_point_headcount_lines_organization_id_fkey: { field: 'agencies', message: 'No such organization' },
};

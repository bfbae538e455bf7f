import type { ConstraintMap } from '../common/errors/error-codes';

/** Codes of the events module's errors — events, agenda, tasks, campaigns (see src/common/errors/error-codes.ts for the naming). */
export enum EventsError {
  /** 404: no event with this id (out of scope is 403 auth.forbidden). */
  NotFound = 'events.not_found',
  /** 404: no task with this id. */
  TaskNotFound = 'events.task_not_found',
  /** 404: no campaign with this id. */
  CampaignNotFound = 'events.campaign_not_found',
  /** 409: the event is cancelled, or completed and the change is more than its record (conclusion, summary, description). */
  NotEditable = 'events.not_editable',
  /** 409 (agenda) / 400 (tasks): the event is cancelled. */
  EventCancelled = 'events.event_cancelled',
  /** 409: publish/start/complete/cancel not allowed from the current status (`details[0]` names it). */
  IllegalTransition = 'events.illegal_transition',
  /** 409: another published event holds the venue at an overlapping time; `force=true` books it anyway. */
  VenueBooked = 'events.venue_booked',
  /** 400: an in-person or hybrid event without a venue. */
  VenueRequired = 'events.venue_required',
  /** 400: sessions that end before they start or overlap (`details` per session). */
  InvalidSessions = 'events.invalid_sessions',
  /** 400: agenda items outside every session, with both a speaker person and a name, or an unknown speaker (`details` per item). */
  InvalidAgenda = 'events.invalid_agenda',
  /** 409: moving the sessions would leave agenda items outside every session (`details` per item: `agenda.<position>.startsAt`); `force=true` clears their times. */
  AgendaOutsideSessions = 'events.agenda_outside_sessions',
  /** 400: a `from`/`to` range that ends before it starts. */
  InvalidDateRange = 'events.invalid_date_range',
  /** 400: a period that is not a quarter or a month range, or an unreadable due period. */
  InvalidPeriod = 'events.invalid_period',
  /** 400: `chairPersonId` names no person. */
  ChairNotFound = 'events.chair_not_found',
  /** 400: a co-organizer names no organization. */
  CoOrganizerNotFound = 'events.co_organizer_not_found',
  /** 400: `campaignId` and `campaignTargetOrganizationId` must come together. */
  CampaignTargetIncomplete = 'events.campaign_target_incomplete',
  /** 400: the organization is not a target of the campaign. */
  NotACampaignTarget = 'events.not_a_campaign_target',
  /** 400: a campaign target names no organization. */
  TargetOrganizationNotFound = 'events.target_organization_not_found',
  /** 409: a campaign target that events of the campaign already serve cannot be removed. */
  CampaignTargetInUse = 'events.campaign_target_in_use',
  /** 400: a task needs an organization and/or a person as assignee. */
  TaskAssigneeMissing = 'events.task_assignee_missing',
  /** 400: the assignee organization does not exist. */
  AssigneeOrganizationNotFound = 'events.assignee_organization_not_found',
  /** 400: the assignee person does not exist. */
  AssigneePersonNotFound = 'events.assignee_person_not_found',
}

export const EVENTS_CONSTRAINTS: ConstraintMap = {
  events_campaign_target_fkey: { field: 'targetOrganizationIds', message: 'A target that events of the campaign already serve cannot be removed', code: EventsError.CampaignTargetInUse },
  // Deleting an organization or person that events still refer to: the generic db.foreign_key_violation.
  events_host_organization_id_fkey: { field: 'hostOrganizationId', message: 'The organization hosts events' },
  events_chair_person_id_fkey: { field: 'chairPersonId', message: 'The person chairs events' },
  event_co_organizers_organization_id_fkey: { field: 'coOrganizerIds', message: 'The organization co-organizes events' },
  campaign_targets_organization_id_fkey: { field: 'id', message: 'The organization is a campaign target' },
  campaigns_host_organization_id_fkey: { field: 'id', message: 'The organization hosts campaigns' },
  tasks_assignee_organization_id_fkey: { field: 'id', message: 'The organization has tasks assigned' },
  tasks_assignee_person_id_fkey: { field: 'id', message: 'The person has tasks assigned' },
  agenda_items_speaker_person_id_fkey: { field: 'id', message: 'The person speaks at events' },
};

import type { ConstraintMap } from '../common/errors/error-codes';

/** Codes of the invitations module's errors (see src/common/errors/error-codes.ts for the naming). */
export enum InvitationsError {
  /** 409: the person is already a participant of the event. */
  PersonAlreadyInvited = 'invitations.person_already_invited',
  /** 409: the agency is already a participant of the event. */
  AgencyAlreadyInvited = 'invitations.agency_already_invited',
  /** 409: a substitute or nominee named on a public page is already a participant (pages show it at the e-mail field). */
  AlreadyParticipant = 'invitations.already_participant',
  /** 409: the agency has named as many attendees as its quota allows. */
  QuotaFull = 'invitations.quota_full',
  /** 409: a quota below the number already nominated. */
  QuotaBelowNominated = 'invitations.quota_below_nominated',
  /** 409: answers and nominations are closed (the event started or was cancelled). */
  AnswersClosed = 'invitations.answers_closed',
  /** 409: an invitation has named its maximum of substitutes. */
  TooManySubstitutes = 'invitations.too_many_substitutes',
  /** 400: the substitute named is the invitee. */
  SubstituteIsSelf = 'invitations.substitute_is_self',
  /** 404: a personal link that is unknown, withdrawn or past its event. */
  LinkUnknown = 'invitations.link_unknown',
  /** 404: no such participant of the event. */
  ParticipantNotFound = 'invitations.participant_not_found',
  /** 409: the event is not published (send), or is cancelled or completed (invite). */
  EventNotOpen = 'invitations.event_not_open',
}

export const INVITATIONS_CONSTRAINTS: ConstraintMap = {
  participants_event_person_key: { field: 'personId', message: 'The person is already invited to this event', code: InvitationsError.PersonAlreadyInvited },
  participants_event_organization_key: { field: 'organizationId', message: 'The agency is already invited to this event', code: InvitationsError.AgencyAlreadyInvited },
  // Deleting a person or organization that is invited somewhere: the generic db.foreign_key_violation.
  participants_person_id_fkey: { field: 'id', message: 'The person is invited to events' },
  participants_organization_id_fkey: { field: 'id', message: 'The organization is invited to events' },
  participants_contact_person_id_fkey: { field: 'id', message: "The person is an agency's contact for an event" },
};

import type { ConstraintMap } from '../common/errors/error-codes';

/** Codes of the invitations module's errors (see src/common/errors/error-codes.ts for the naming). */
export enum InvitationsError {
  /** 409: the person is already a participant of the event. */
  PersonAlreadyInvited = 'invitations.person_already_invited',
  /** 409: the agency is already a participant of the event. */
  AgencyAlreadyInvited = 'invitations.agency_already_invited',
}

export const INVITATIONS_CONSTRAINTS: ConstraintMap = {
  participants_event_person_key: { field: 'personId', message: 'The person is already invited to this event', code: InvitationsError.PersonAlreadyInvited },
  participants_event_organization_key: { field: 'organizationId', message: 'The agency is already invited to this event', code: InvitationsError.AgencyAlreadyInvited },
  // Deleting a person or organization that is invited somewhere: the generic db.foreign_key_violation.
  participants_person_id_fkey: { field: 'id', message: 'The person is invited to events' },
  participants_organization_id_fkey: { field: 'id', message: 'The organization is invited to events' },
  participants_contact_person_id_fkey: { field: 'id', message: "The person is an agency's contact for an event" },
};

import { Organization, OrganizationHeadcount } from '../organizations/organization.entity';
import { Person } from '../people/person.entity';
import { User } from '../accounts/user.entity';
import { AuditEntry } from '../events/audit-entry.entity';
import { AgendaItem } from '../events/agenda/agenda-item.entity';
import { Campaign, CampaignTarget } from '../events/campaigns/campaign.entity';
import { EventChange } from '../events/event-change.entity';
import { Event, EventCoOrganizer, EventSession } from '../events/event.entity';
import { Task } from '../events/tasks/task.entity';
import { Participant } from '../invitations/participants/participant.entity';
import { OutboxMessage } from '../jobs/outbox.entity';
import { AttendanceRecord, AttendanceRefusal, AttendanceWindow } from '../attendance/attendance-record.entity';
import { TrainingCertificate, TrainingClass, TrainingEnrollment, TrainingProgram } from '../training/training.entity';
import { IndicatorDefinition, IndicatorSnapshot, IndicatorValue } from '../indicators/indicator.entity';
import { BridgePoint, BridgePointAssignment, BridgePointChange, BridgePointHeadcount, BridgePointHeadcountLine } from '../bridge-points/bridge-point.entity';

/** Every entity, for the data source shared by the app, the CLI and the migration tools. */
export const ENTITIES = [Organization, OrganizationHeadcount, Person, User, Event, EventSession, EventCoOrganizer, EventChange, AuditEntry, AgendaItem, Task, Campaign, CampaignTarget, OutboxMessage, Participant, BridgePoint, BridgePointChange, BridgePointHeadcount, BridgePointHeadcountLine, BridgePointAssignment, AttendanceRecord, AttendanceRefusal, AttendanceWindow, TrainingProgram, TrainingClass, TrainingEnrollment, TrainingCertificate, IndicatorDefinition, IndicatorValue, IndicatorSnapshot];

import type { ConstraintMap } from '../common/errors/error-codes';

/** Codes of the training module's errors (tập huấn, issue 17). */
export enum TrainingError {
  /** 404: no such training program. */
  ProgramNotFound = 'training.program_not_found',
  /** 404: the event is not a class of a training program. */
  ClassNotFound = 'training.class_not_found',
  /** 404: no such enrolment. */
  EnrollmentNotFound = 'training.enrollment_not_found',
  /** 404: no certificate with that number. */
  CertificateNotFound = 'training.certificate_not_found',
  /** 409: a program with this code (certificate prefix) exists already. */
  CodeTaken = 'training.code_taken',
  /** 400: the event is not a `training_class`. */
  NotATrainingClass = 'training.not_a_training_class',
  /** 409: the event is a class of a program already. */
  ClassTaken = 'training.class_taken',
  /** 409: enrolling would pass the class's capacity (ask for the waitlist). */
  OverCapacity = 'training.over_capacity',
  /** 409: the person is enrolled in this class already. */
  AlreadyEnrolled = 'training.already_enrolled',
  /** 409: the class is cancelled. */
  ClassNotOpen = 'training.class_not_open',
  /** 400: a roster file with bad rows: every bad row is listed, nothing was written. */
  ImportRejected = 'training.import_rejected',
  /** 403: a trainer of another class (or nobody's trainer). */
  NotTrainerOfClass = 'training.not_trainer_of_class',
  /** 410: the trainer's roster link is outside the class days. */
  RosterLinkExpired = 'training.roster_link_expired',
  /** 409: the change would rewrite issued certificate numbers (a program's code or year, a class's program). */
  CertificatesIssued = 'training.certificates_issued',
  /** 409: a capacity below the seats already taken. */
  CapacityBelowEnrolled = 'training.capacity_below_enrolled',
}

export const TRAINING_CONSTRAINTS: ConstraintMap = {
  training_programs_code_key: { field: 'code', message: 'is taken by another program', code: TrainingError.CodeTaken },
  training_programs_year_check: { field: 'year', message: 'must be between 1945 and 2200' },
  training_programs_targets_check: { field: 'targets', message: 'must be non-negative (a percentage 0–100)' },
  training_programs_organizer_fkey: { field: 'organizerOrganizationId', message: 'does not exist' },
  training_classes_pkey: { field: 'eventId', message: 'is a class of a program already', code: TrainingError.ClassTaken },
  training_classes_capacity_check: { field: 'capacity', message: 'must be positive' },
  training_classes_min_attendance_check: { field: 'minAttendancePercent', message: 'must be 1–100' },
  training_classes_pass_score_check: { field: 'passScore', message: 'must be 0–100' },
  training_classes_event_id_fkey: { field: 'eventId', message: 'does not exist' },
  training_classes_program_id_fkey: { field: 'programId', message: 'has classes' },
  training_enrollments_class_person_key: { field: 'personId', message: 'is enrolled in this class already', code: TrainingError.AlreadyEnrolled },
  training_enrollments_score_check: { field: 'score', message: 'must be 0–100' },
  training_enrollments_person_id_fkey: { field: 'personId', message: 'does not exist' },
  training_certificates_number_key: { field: 'number', message: 'is issued already' },
  training_certificates_program_seq_key: { field: 'seq', message: 'is issued already' },
};

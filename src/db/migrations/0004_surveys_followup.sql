CREATE TABLE "asks" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workspace_id" uuid NOT NULL,
	"contact_id" uuid NOT NULL,
	"member_id" uuid,
	"kind" text NOT NULL,
	"result" text,
	"about" text,
	"prospect_name" text,
	"note" text,
	"task_id" uuid,
	"answer_id" uuid,
	"asked_at" timestamp (3) with time zone NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "asks_kind_check" CHECK ("asks"."kind" in ('feedback', 'review', 'recommendation', 'introduction'))
);
--> statement-breakpoint
CREATE TABLE "member_goals" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workspace_id" uuid NOT NULL,
	"member_id" uuid NOT NULL,
	"period" text NOT NULL,
	"period_start" date NOT NULL,
	"asks_target" integer,
	"introductions_target" integer,
	"follow_ups_on_time_target" integer,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "playbook_enrolments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workspace_id" uuid NOT NULL,
	"playbook_id" uuid NOT NULL,
	"version_id" uuid NOT NULL,
	"trigger" text NOT NULL,
	"contact_id" uuid,
	"answer_id" uuid,
	"status" text DEFAULT 'active' NOT NULL,
	"triggered_at" timestamp (3) with time zone NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "playbook_versions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workspace_id" uuid NOT NULL,
	"playbook_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"steps" jsonb NOT NULL,
	"created_by_member_id" uuid,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "playbooks" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workspace_id" uuid NOT NULL,
	"name" text NOT NULL,
	"description" text,
	"trigger" text NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"current_version" integer DEFAULT 1 NOT NULL,
	"archived_at" timestamp with time zone,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "task_history" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workspace_id" uuid NOT NULL,
	"task_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"member_id" uuid,
	"from_member_id" uuid,
	"to_member_id" uuid,
	"reason" text,
	"data" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "tasks" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workspace_id" uuid NOT NULL,
	"contact_id" uuid,
	"account_id" uuid,
	"assignee_member_id" uuid NOT NULL,
	"enrolment_id" uuid,
	"step_index" integer,
	"step_key" text,
	"action" text NOT NULL,
	"title" text NOT NULL,
	"reason" text,
	"script" text,
	"channel" text,
	"assignment_note" text,
	"due_on" date,
	"snoozed_until" date,
	"status" text DEFAULT 'open' NOT NULL,
	"reached" boolean,
	"ask_kind" text,
	"ask_result" text,
	"outcome_note" text,
	"prospect_name" text,
	"completed_at" timestamp (3) with time zone,
	"completed_by_member_id" uuid,
	"escalated_at" timestamp with time zone,
	"created_by_member_id" uuid,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "tasks_status_check" CHECK ("tasks"."status" in ('open', 'done', 'cancelled'))
);
--> statement-breakpoint
CREATE TABLE "review_destinations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workspace_id" uuid NOT NULL,
	"site" text NOT NULL,
	"label" text NOT NULL,
	"url" text NOT NULL,
	"position" integer DEFAULT 0 NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "survey_answers" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workspace_id" uuid NOT NULL,
	"survey_id" uuid NOT NULL,
	"send_id" uuid,
	"contact_id" uuid,
	"account_id" uuid,
	"score" integer NOT NULL,
	"category" text GENERATED ALWAYS AS (case when score >= 9 then 'promoter' when score >= 7 then 'passive' else 'detractor' end) STORED NOT NULL,
	"comment" text,
	"source" text NOT NULL,
	"respondent_name" text,
	"respondent_email" text,
	"colleague_name" text,
	"colleague_email" text,
	"colleague_note" text,
	"external_id" text,
	"answered_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"editable_until" timestamp with time zone,
	"enrolled_at" timestamp with time zone,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "survey_answers_send_id_unique" UNIQUE("send_id"),
	CONSTRAINT "survey_answers_score_check" CHECK ("survey_answers"."score" between 0 and 10),
	CONSTRAINT "survey_answers_source_check" CHECK ("survey_answers"."source" in ('email', 'link', 'api', 'import'))
);
--> statement-breakpoint
CREATE TABLE "survey_sends" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workspace_id" uuid NOT NULL,
	"survey_id" uuid NOT NULL,
	"contact_id" uuid NOT NULL,
	"message_id" uuid,
	"reminder_message_id" uuid,
	"sent_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"reminded_at" timestamp with time zone,
	"expires_at" timestamp with time zone NOT NULL,
	"answered_at" timestamp with time zone,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "surveys" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workspace_id" uuid NOT NULL,
	"name" text NOT NULL,
	"question" text NOT NULL,
	"open_question" text,
	"audience" jsonb NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"schedule_kind" text DEFAULT 'once' NOT NULL,
	"repeat_every_days" integer,
	"reminder_after_days" integer,
	"share_code" text,
	"created_by_member_id" uuid,
	"launched_at" timestamp with time zone,
	"next_run_at" timestamp with time zone,
	"closed_at" timestamp with time zone,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "surveys_share_code_unique" UNIQUE("share_code"),
	CONSTRAINT "surveys_status_check" CHECK ("surveys"."status" in ('draft', 'active', 'paused', 'closed')),
	CONSTRAINT "surveys_schedule_check" CHECK ("surveys"."schedule_kind" in ('once', 'recurring'))
);
--> statement-breakpoint
ALTER TABLE "contacts" ADD COLUMN "unsubscribed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "members" ADD COLUMN "digest_opt_out" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "workspaces" ADD COLUMN "survey_min_gap_days" integer DEFAULT 90 NOT NULL;--> statement-breakpoint
ALTER TABLE "workspaces" ADD COLUMN "survey_mails_per_minute" integer DEFAULT 60 NOT NULL;--> statement-breakpoint
ALTER TABLE "workspaces" ADD COLUMN "overdue_escalation_days" integer DEFAULT 2 NOT NULL;--> statement-breakpoint
ALTER TABLE "asks" ADD CONSTRAINT "asks_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "asks" ADD CONSTRAINT "asks_contact_id_contacts_id_fk" FOREIGN KEY ("contact_id") REFERENCES "public"."contacts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "asks" ADD CONSTRAINT "asks_member_id_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."members"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "asks" ADD CONSTRAINT "asks_task_id_tasks_id_fk" FOREIGN KEY ("task_id") REFERENCES "public"."tasks"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "asks" ADD CONSTRAINT "asks_answer_id_survey_answers_id_fk" FOREIGN KEY ("answer_id") REFERENCES "public"."survey_answers"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "member_goals" ADD CONSTRAINT "member_goals_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "member_goals" ADD CONSTRAINT "member_goals_member_id_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."members"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "playbook_enrolments" ADD CONSTRAINT "playbook_enrolments_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "playbook_enrolments" ADD CONSTRAINT "playbook_enrolments_playbook_id_playbooks_id_fk" FOREIGN KEY ("playbook_id") REFERENCES "public"."playbooks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "playbook_enrolments" ADD CONSTRAINT "playbook_enrolments_version_id_playbook_versions_id_fk" FOREIGN KEY ("version_id") REFERENCES "public"."playbook_versions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "playbook_enrolments" ADD CONSTRAINT "playbook_enrolments_contact_id_contacts_id_fk" FOREIGN KEY ("contact_id") REFERENCES "public"."contacts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "playbook_enrolments" ADD CONSTRAINT "playbook_enrolments_answer_id_survey_answers_id_fk" FOREIGN KEY ("answer_id") REFERENCES "public"."survey_answers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "playbook_versions" ADD CONSTRAINT "playbook_versions_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "playbook_versions" ADD CONSTRAINT "playbook_versions_playbook_id_playbooks_id_fk" FOREIGN KEY ("playbook_id") REFERENCES "public"."playbooks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "playbook_versions" ADD CONSTRAINT "playbook_versions_created_by_member_id_members_id_fk" FOREIGN KEY ("created_by_member_id") REFERENCES "public"."members"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "playbooks" ADD CONSTRAINT "playbooks_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "task_history" ADD CONSTRAINT "task_history_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "task_history" ADD CONSTRAINT "task_history_task_id_tasks_id_fk" FOREIGN KEY ("task_id") REFERENCES "public"."tasks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "task_history" ADD CONSTRAINT "task_history_member_id_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."members"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "task_history" ADD CONSTRAINT "task_history_from_member_id_members_id_fk" FOREIGN KEY ("from_member_id") REFERENCES "public"."members"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "task_history" ADD CONSTRAINT "task_history_to_member_id_members_id_fk" FOREIGN KEY ("to_member_id") REFERENCES "public"."members"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tasks" ADD CONSTRAINT "tasks_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tasks" ADD CONSTRAINT "tasks_contact_id_contacts_id_fk" FOREIGN KEY ("contact_id") REFERENCES "public"."contacts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tasks" ADD CONSTRAINT "tasks_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tasks" ADD CONSTRAINT "tasks_assignee_member_id_members_id_fk" FOREIGN KEY ("assignee_member_id") REFERENCES "public"."members"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tasks" ADD CONSTRAINT "tasks_enrolment_id_playbook_enrolments_id_fk" FOREIGN KEY ("enrolment_id") REFERENCES "public"."playbook_enrolments"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tasks" ADD CONSTRAINT "tasks_completed_by_member_id_members_id_fk" FOREIGN KEY ("completed_by_member_id") REFERENCES "public"."members"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tasks" ADD CONSTRAINT "tasks_created_by_member_id_members_id_fk" FOREIGN KEY ("created_by_member_id") REFERENCES "public"."members"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_destinations" ADD CONSTRAINT "review_destinations_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "survey_answers" ADD CONSTRAINT "survey_answers_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "survey_answers" ADD CONSTRAINT "survey_answers_survey_id_surveys_id_fk" FOREIGN KEY ("survey_id") REFERENCES "public"."surveys"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "survey_answers" ADD CONSTRAINT "survey_answers_send_id_survey_sends_id_fk" FOREIGN KEY ("send_id") REFERENCES "public"."survey_sends"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "survey_answers" ADD CONSTRAINT "survey_answers_contact_id_contacts_id_fk" FOREIGN KEY ("contact_id") REFERENCES "public"."contacts"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "survey_answers" ADD CONSTRAINT "survey_answers_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "survey_sends" ADD CONSTRAINT "survey_sends_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "survey_sends" ADD CONSTRAINT "survey_sends_survey_id_surveys_id_fk" FOREIGN KEY ("survey_id") REFERENCES "public"."surveys"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "survey_sends" ADD CONSTRAINT "survey_sends_contact_id_contacts_id_fk" FOREIGN KEY ("contact_id") REFERENCES "public"."contacts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "survey_sends" ADD CONSTRAINT "survey_sends_message_id_outbox_messages_id_fk" FOREIGN KEY ("message_id") REFERENCES "public"."outbox_messages"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "survey_sends" ADD CONSTRAINT "survey_sends_reminder_message_id_outbox_messages_id_fk" FOREIGN KEY ("reminder_message_id") REFERENCES "public"."outbox_messages"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "surveys" ADD CONSTRAINT "surveys_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "surveys" ADD CONSTRAINT "surveys_created_by_member_id_members_id_fk" FOREIGN KEY ("created_by_member_id") REFERENCES "public"."members"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "asks_workspace_asked_idx" ON "asks" USING btree ("workspace_id","asked_at");--> statement-breakpoint
CREATE INDEX "asks_contact_idx" ON "asks" USING btree ("workspace_id","contact_id","asked_at");--> statement-breakpoint
CREATE INDEX "asks_member_idx" ON "asks" USING btree ("workspace_id","member_id","asked_at");--> statement-breakpoint
CREATE UNIQUE INDEX "member_goals_key" ON "member_goals" USING btree ("member_id","period","period_start");--> statement-breakpoint
CREATE UNIQUE INDEX "playbook_enrolments_answer_key" ON "playbook_enrolments" USING btree ("answer_id");--> statement-breakpoint
CREATE INDEX "playbook_enrolments_contact_idx" ON "playbook_enrolments" USING btree ("workspace_id","contact_id");--> statement-breakpoint
CREATE UNIQUE INDEX "playbook_versions_key" ON "playbook_versions" USING btree ("playbook_id","version");--> statement-breakpoint
CREATE INDEX "playbooks_workspace_idx" ON "playbooks" USING btree ("workspace_id","trigger");--> statement-breakpoint
CREATE UNIQUE INDEX "playbooks_active_trigger_key" ON "playbooks" USING btree ("workspace_id","trigger") WHERE "playbooks"."active" and "playbooks"."archived_at" is null;--> statement-breakpoint
CREATE INDEX "task_history_task_idx" ON "task_history" USING btree ("task_id","created_at");--> statement-breakpoint
CREATE INDEX "tasks_assignee_open_idx" ON "tasks" USING btree ("workspace_id","assignee_member_id","due_on") WHERE "tasks"."status" = 'open';--> statement-breakpoint
CREATE INDEX "tasks_workspace_due_idx" ON "tasks" USING btree ("workspace_id","status","due_on");--> statement-breakpoint
CREATE INDEX "tasks_enrolment_idx" ON "tasks" USING btree ("enrolment_id","step_index");--> statement-breakpoint
CREATE INDEX "tasks_contact_idx" ON "tasks" USING btree ("workspace_id","contact_id");--> statement-breakpoint
CREATE INDEX "review_destinations_workspace_idx" ON "review_destinations" USING btree ("workspace_id","position");--> statement-breakpoint
CREATE INDEX "survey_answers_survey_idx" ON "survey_answers" USING btree ("workspace_id","survey_id","answered_at");--> statement-breakpoint
CREATE INDEX "survey_answers_contact_idx" ON "survey_answers" USING btree ("workspace_id","contact_id","answered_at");--> statement-breakpoint
CREATE INDEX "survey_answers_workspace_answered_idx" ON "survey_answers" USING btree ("workspace_id","answered_at");--> statement-breakpoint
CREATE INDEX "survey_answers_pending_enrolment_idx" ON "survey_answers" USING btree ("workspace_id") WHERE "survey_answers"."enrolled_at" is null;--> statement-breakpoint
CREATE UNIQUE INDEX "survey_answers_external_key" ON "survey_answers" USING btree ("workspace_id","external_id");--> statement-breakpoint
CREATE INDEX "survey_sends_survey_idx" ON "survey_sends" USING btree ("workspace_id","survey_id","sent_at");--> statement-breakpoint
CREATE INDEX "survey_sends_contact_idx" ON "survey_sends" USING btree ("workspace_id","contact_id","sent_at");--> statement-breakpoint
CREATE INDEX "surveys_workspace_created_idx" ON "surveys" USING btree ("workspace_id","created_at");--> statement-breakpoint
CREATE INDEX "surveys_next_run_idx" ON "surveys" USING btree ("next_run_at") WHERE "surveys"."status" = 'active';
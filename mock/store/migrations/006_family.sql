-- 家人: the members an account acts for. A membership is never deleted: an ended one keeps who
-- ended it (a member who left may not be added back by that account) and frees its places.

create table family_members (
  seq bigint generated always as identity unique,
  id text primary key,
  owner_id text not null references core_accounts (id),
  doc_key text collate "C" not null,
  name text not null,
  doc_type text not null,
  doc_number text not null,
  relation text not null check (relation in ('parent', 'child', 'spouse', 'other')),
  created_at bigint not null,
  ended_at bigint,
  ended_by text check (ended_by in ('owner', 'member')),
  check ((ended_at is null) = (ended_by is null))
);
-- One live membership of a document in an account: the rule behind ALREADY_MEMBER.
create unique index family_one_live_membership on family_members (owner_id, doc_key) where ended_at is null;
create index family_members_of_account on family_members (owner_id, created_at, id);
create index family_members_of_document on family_members (doc_key, created_at, id);

-- What an account made for a member carries the member's id; the holder's document is the member's.
alter table masks_reservations add column member_id text references family_members (id);
alter table returnees_declarations add column member_id text references family_members (id);
alter table returnees_declarations drop constraint returnees_declarations_created_by_check;
alter table returnees_declarations add constraint returnees_declarations_created_by_check
  check (created_by in ('self', 'worker', 'family'));
alter table returnees_checkins drop constraint returnees_checkins_by_check;
alter table returnees_checkins add constraint returnees_checkins_by_check check (by in ('self', 'worker', 'family'));

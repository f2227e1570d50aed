-- 口罩预约: rounds, each outlet's stock in a round, reservations and lottery entries.
-- Times are milliseconds since the epoch on the backend's clock (the mock's clock can be moved).

create sequence masks_round_numbers;

create table masks_rounds (
  seq bigint generated always as identity unique,
  id text primary key,
  product text not null,
  per_person_limit integer not null check (per_person_limit > 0),
  allocation text not null check (allocation in ('first_come', 'lottery')),
  opens_at bigint not null,
  closes_at bigint not null check (closes_at > opens_at),
  draw_at bigint,
  pickup_from bigint not null,
  pickup_until bigint not null check (pickup_until > pickup_from),
  draw_seed text,
  draw_seed_hash text,
  created_at bigint not null,
  -- The published result, set once by the draw.
  draw jsonb,
  -- Some reservation may still be `reserved`: the expiry sweep has work to look at.
  pending_expiry boolean not null default false
);

-- What settling looks for on every request: a lottery to draw, a pickup window to close.
create index masks_rounds_to_draw on masks_rounds (draw_at) where allocation = 'lottery' and draw is null;
create index masks_rounds_to_expire on masks_rounds (pickup_until) where pending_expiry;

create table masks_current_round (
  only_row boolean primary key default true check (only_row),
  round_id text not null references masks_rounds (id)
);

create table masks_stock (
  round_id text not null references masks_rounds (id),
  outlet_id text not null,
  remaining integer not null check (remaining >= 0),
  updated_at bigint not null,
  primary key (round_id, outlet_id)
);

create sequence masks_reservation_numbers;

create table masks_reservations (
  seq bigint generated always as identity unique,
  id text primary key,
  round_id text not null references masks_rounds (id),
  outlet_id text not null,
  account_id text not null,
  -- `docType:docNumber` of the holder.
  doc_key text not null,
  quantity integer not null check (quantity > 0),
  state text not null check (state in ('entered', 'reserved', 'picked_up', 'cancelled', 'lost', 'expired')),
  -- Never handed out twice, even after a cancel: the row keeps its code.
  pickup_code text unique,
  created_at bigint not null,
  updated_at bigint not null
);

-- One live place per document per round: the rule behind ALREADY_RESERVED.
create unique index masks_live_place on masks_reservations (round_id, doc_key) where state in ('entered', 'reserved', 'picked_up');
create index masks_reservations_of_account on masks_reservations (account_id, seq);
create index masks_reservations_of_round on masks_reservations (round_id, seq);

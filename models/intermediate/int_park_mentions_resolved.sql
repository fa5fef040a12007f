{#-
    Every zone mention, resolved to the zone it names: its type and the zone's stable
    key and id.

    - A mention of a gazetteer zone (the loaders recognised one of its written forms, or
      resolved a name the rules built to it: `zone_key`) takes the gazetteer's type, and
      its key is the zone's official name: every form of one zone is one zone.
    - Any other zone takes its type from `zone_types` by the suffix as written; a suffix
      the seed does not know (a reference's `园区`) falls back to the type the name's own
      ending implies, and a reference takes the type of the named mentions of the same
      zone in its article, so `该高新区` and `园区` land on the zone they stand for. Its
      key is `<type>|<name>`.
    - park_id is the first 16 hex digits of the key's md5 (`short_id`).

    A mention's resolution reads only its own article and the seeds, so the model is
    incremental by page (`macros/incremental/pages.sql`): a build resolves the mentions
    of the pages landed since the last one; the seeds are in the project hash, whose
    change rebuilds every row.
-#}
{{
    config(
        materialized='incremental',
        on_schema_change='fail',
        pre_hook="{{ forget_pages() }}"
    )
}}

with

park_mentions as (

    select * from {{ ref('stg_park_mentions') }}
    where {{ pages_to_build() }}

),

zone_types as (

    select * from {{ ref('zone_types') }}

),

gazetteer as (

    select * from {{ ref('int_zone_gazetteer') }}

),

extracted_names as (

    select distinct park_name
    from park_mentions

),

-- the type a name's own ending implies: `湘潭高新区` -> high_tech_zone
name_types as (

    select
        extracted_names.park_name,
        zone_types.park_type,
        row_number() over (
            partition by extracted_names.park_name
            order by length(zone_types.canonical_suffix) desc, zone_types.park_type
        ) as type_rank
    from extracted_names
    inner join zone_types
        on ends_with(extracted_names.park_name, zone_types.canonical_suffix)

),

typed as (

    select
        park_mentions.*,
        coalesce(
            gazetteer.park_type, zone_types.park_type, name_types.park_type, 'other'
        ) as own_park_type
    from park_mentions
    left join gazetteer
        on park_mentions.zone_key = gazetteer.name_full
    left join zone_types
        on park_mentions.zone_suffix = zone_types.suffix
    left join name_types
        on
            park_mentions.park_name = name_types.park_name
            and name_types.type_rank = 1

),

-- the type the named mentions of a zone give it within one article
article_zone_types as (

    select
        article_id,
        park_name,
        own_park_type as park_type,
        row_number() over (
            partition by article_id, park_name
            order by count(*) desc, own_park_type
        ) as type_rank
    from typed
    where not is_reference
    group by article_id, park_name, own_park_type

),

mention_types as (

    select
        typed.*,
        case
            when typed.is_reference and typed.zone_key is null
                then coalesce(article_zone_types.park_type, typed.own_park_type)
            else typed.own_park_type
        end as park_type
    from typed
    left join article_zone_types
        on
            typed.article_id = article_zone_types.article_id
            and typed.park_name = article_zone_types.park_name
            and article_zone_types.type_rank = 1

),

keyed as (

    select
        *,
        case
            when zone_key is not null then 'zone|' || zone_key
            else park_type || '|' || park_name
        end as park_key
    from mention_types

),

final as (

    select
        {{ short_id('park_key') }} as park_id,
        park_key,
        page_id,
        article_id,
        char_start,
        char_end,
        mention_text,
        park_name,
        zone_suffix,
        says_national,
        is_reference,
        park_type,
        zone_key,
        zone_form
    from keyed

)

select * from final
-- stored a page at a time, so deleting a page's rows touches one row group, not all
order by page_id, article_id, char_start

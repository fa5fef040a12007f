{#-
    Every zone mention, resolved to the zone it names: its type (from the suffix as
    written), its match on the national list, and the zone's stable key and id.

    - park_type: from `zone_types` by the suffix as written; a suffix the seed does
      not know (a reference's `园区`) falls back to the type the name's own ending
      implies, and a reference takes the type of the named mentions of the same zone
      in its article, so `该高新区` and `园区` land on the zone they stand for.
    - national list: a high-tech zone matches a list row when its name equals the
      row's canonical or short name or one ends with the other (`临江高新区` ->
      `萧山临江高新区`); any zone matches on the exact official, canonical or short
      name (`苏州工业园区`). Among several matches: exact first, then the closest
      length, then the official name.
    - park_key: `national|<official name>` for a list match, else `<type>|<name>`;
      park_id is the first 16 hex digits of its md5.
-#}
with

park_mentions as (

    select * from {{ ref('stg_park_mentions') }}

),

zone_types as (

    select * from {{ ref('zone_types') }}

),

national_zones as (

    select * from {{ ref('int_national_zones') }}

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
        coalesce(zone_types.park_type, name_types.park_type, 'other') as own_park_type
    from park_mentions
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
            when typed.is_reference then coalesce(article_zone_types.park_type, typed.own_park_type)
            else typed.own_park_type
        end as park_type
    from typed
    left join article_zone_types
        on
            typed.article_id = article_zone_types.article_id
            and typed.park_name = article_zone_types.park_name
            and article_zone_types.type_rank = 1

),

zone_names as (

    select distinct
        park_name,
        park_type
    from mention_types

),

national_candidates as (

    select
        zone_names.park_name,
        zone_names.park_type,
        national_zones.name_full,
        zone_names.park_name in (
            national_zones.name_full,
            national_zones.canonical_name,
            national_zones.name_short
        ) as is_exact,
        abs(length(national_zones.canonical_name) - length(zone_names.park_name)) as length_gap
    from zone_names
    inner join national_zones
        on
            zone_names.park_name in (
                national_zones.name_full,
                national_zones.canonical_name,
                national_zones.name_short
            )
            or (
                zone_names.park_type = 'high_tech_zone'
                and length(zone_names.park_name) >= 4
                and (
                    ends_with(national_zones.canonical_name, zone_names.park_name)
                    or ends_with(zone_names.park_name, national_zones.canonical_name)
                )
            )

),

national_matches as (

    select
        park_name,
        park_type,
        name_full,
        row_number() over (
            partition by park_name, park_type
            order by is_exact desc, length_gap asc, name_full asc
        ) as match_rank
    from national_candidates

),

keyed as (

    select
        mention_types.page_id,
        mention_types.article_id,
        mention_types.char_start,
        mention_types.char_end,
        mention_types.mention_text,
        mention_types.park_name,
        mention_types.zone_suffix,
        mention_types.says_national,
        mention_types.is_reference,
        mention_types.park_type,
        national_matches.name_full as national_name_full,
        case
            when national_matches.name_full is not null
                then 'national|' || national_matches.name_full
            else mention_types.park_type || '|' || mention_types.park_name
        end as park_key
    from mention_types
    left join national_matches
        on
            mention_types.park_name = national_matches.park_name
            and mention_types.park_type = national_matches.park_type
            and national_matches.match_rank = 1

),

final as (

    select
        substr(md5(park_key), 1, 16) as park_id,
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
        national_name_full
    from keyed

)

select * from final

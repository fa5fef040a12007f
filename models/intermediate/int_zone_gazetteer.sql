{#-
    The zone gazetteer (seed `development_zones`), one row per zone, with what resolution
    needs: its type and level, the province and city in their short forms, and the place
    parts ("cores") of its official and short names, which open other zones' names too
    (`昆山` -> 苏州, `天津滨海` -> 天津). The loaders recognise the gazetteer's written forms and
    record the zone they name (`park_mentions.zone_key` = `name_full`); this model gives that
    zone its attributes.
-#}
with

zones as (

    select * from {{ ref('development_zones') }}

),

zone_types as (

    select * from {{ ref('zone_types') }}

),

admin_divisions as (

    select * from {{ ref('admin_divisions') }}

),

provinces as (

    select distinct
        province,
        province_short
    from admin_divisions

),

cities as (

    select distinct
        province,
        city,
        city_short
    from admin_divisions

),

-- the longest zone-type suffix each name ends with, and the place part before it
full_suffixes as (

    select
        zones.name_full,
        zone_types.suffix,
        row_number() over (
            partition by zones.name_full
            order by length(zone_types.suffix) desc, zone_types.suffix
        ) as suffix_rank
    from zones
    inner join zone_types
        on ends_with(zones.name_full, zone_types.suffix)

),

short_suffixes as (

    select
        zones.name_full,
        zone_types.suffix,
        row_number() over (
            partition by zones.name_full
            order by length(zone_types.suffix) desc, zone_types.suffix
        ) as suffix_rank
    from zones
    inner join zone_types
        on ends_with(zones.name_short, zone_types.suffix)

),

final as (

    select
        zones.name_full,
        zones.name_short,
        zones.zone_type as park_type,
        zones.level as park_level,
        left(
            zones.name_full,
            length(zones.name_full) - coalesce(length(full_suffixes.suffix), 0)
        ) as core_full,
        left(
            zones.name_short,
            length(zones.name_short) - coalesce(length(short_suffixes.suffix), 0)
        ) as core_short,
        zones.province,
        nullif(zones.city, '') as city,
        coalesce(
            provinces.province_short,
            regexp_replace(
                zones.province,
                '(维吾尔自治区|壮族自治区|回族自治区|自治区|省|市)$',
                ''
            )
        ) as province_short,
        coalesce(
            cities.city_short,
            nullif(regexp_replace(zones.city, '(市|盟|地区|自治州)$', ''), '')
        ) as city_short,
        zones.approval_year
    from zones
    left join full_suffixes
        on
            zones.name_full = full_suffixes.name_full
            and full_suffixes.suffix_rank = 1
    left join short_suffixes
        on
            zones.name_full = short_suffixes.name_full
            and short_suffixes.suffix_rank = 1
    left join provinces
        on zones.province = provinces.province
    left join cities
        on
            zones.province = cities.province
            and zones.city = cities.city

)

select * from final

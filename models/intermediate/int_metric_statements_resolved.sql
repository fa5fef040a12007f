{#-
    Every metric statement, resolved to the star schema's keys.

    - metric: the extractor's code when the vocabulary has it, else `other`.
    - company_id: the raw `company_name` (for a company subject without one, the
      subject's name) read through the company names of the same article
      (`int_article_company_names`).
    - park_id: the raw `park_name` read through the zone names of the same article
      (`int_article_park_names`); for a company subject without one, the zone the
      article places the company in, else the company's own zone (`int_companies`).
    - subject_name: canonical for resolved subjects (the zone's `park_name`, the
      company's `company_name`), else as extracted.
    - metric_fact_id: the first 16 hex digits of the md5 of article, span, value and
      unit; should the extractor state one quantity twice, the first row (by metric
      code, subject) is kept, so the id stays a key.
    - reconciled_metric_id: the figure `agg_reconciled_metric` reconciles the statement
      into (its grain: subject, metric, metric phrase normalised by `metric_key`,
      period, growth flag, unit); null when the subject is not a resolved zone or
      company. A function of the row, so the incremental facts keep it current.
-#}
with

statements as (

    select * from {{ ref('stg_metric_statements') }}

),

pages as (

    select * from {{ ref('stg_pages') }}

),

metrics as (

    select * from {{ ref('int_metrics') }}

),

article_park_names as (

    select * from {{ ref('int_article_park_names') }}

),

article_company_names as (

    select * from {{ ref('int_article_company_names') }}

),

parks as (

    select * from {{ ref('int_parks') }}

),

companies as (

    select * from {{ ref('int_companies') }}

),

keyed as (

    select
        {{ short_id([
            'statements.article_id',
            'statements.char_start',
            'statements.char_end',
            'statements.value',
            'statements.unit',
        ]) }} as metric_fact_id,
        statements.*,
        coalesce(
            statements.company_name,
            case
                when statements.subject_type = 'company' then nullif(statements.subject_name, '')
            end
        ) as company_lookup_name
    from statements

),

deduplicated as (

    select
        *,
        row_number() over (
            -- the page adds nothing to the key; it lets a filter on pages reach the source
            partition by page_id, metric_fact_id
            order by metric_code, subject_type, subject_name, metric_raw
        ) as statement_rank
    from keyed

),

resolved as (

    select
        deduplicated.*,
        coalesce(metrics.metric_code, 'other') as resolved_metric_code,
        article_company_names.company_id,
        coalesce(
            article_park_names.park_id,
            case
                when deduplicated.subject_type = 'company'
                    then coalesce(article_company_names.park_id, companies.park_id)
            end
        ) as park_id
    from deduplicated
    left join metrics
        on deduplicated.metric_code = metrics.metric_code
    left join article_park_names
        on
            deduplicated.article_id = article_park_names.article_id
            and deduplicated.park_name = article_park_names.park_name
    left join article_company_names
        on
            deduplicated.article_id = article_company_names.article_id
            and deduplicated.company_lookup_name = article_company_names.name_in_article
    left join companies
        on article_company_names.company_id = companies.company_id
    where deduplicated.statement_rank = 1

),

named as (

    select
        resolved.metric_fact_id,
        resolved.page_id,
        resolved.article_id,
        resolved.park_id,
        resolved.company_id,
        resolved.subject_type,
        case
            when resolved.subject_type = 'park' and parks.park_name is not null
                then parks.park_name
            when resolved.subject_type = 'company' and companies.company_name is not null
                then companies.company_name
            else resolved.subject_name
        end as subject_name,
        metrics.metric_id,
        resolved.resolved_metric_code as metric_code,
        resolved.metric_raw,
        resolved.value,
        resolved.unit,
        resolved.qualifier,
        resolved.is_growth,
        coalesce(resolved.period_label, '') as period_label,
        resolved.period_start,
        resolved.period_end,
        resolved.raw_text,
        resolved.evidence,
        resolved.char_start,
        resolved.char_end,
        resolved.metric_code as extracted_metric_code,
        resolved.subject_name as extracted_subject_name,
        resolved.park_name as extracted_park_name,
        resolved.company_name as extracted_company_name
    from resolved
    inner join metrics
        on resolved.resolved_metric_code = metrics.metric_code
    left join parks
        on resolved.park_id = parks.park_id
    left join companies
        on resolved.company_id = companies.company_id

),

final as (

    select
        named.*,
        pages.published_on,
        case
            when
                (named.subject_type = 'park' and named.park_id is not null)
                or (named.subject_type = 'company' and named.company_id is not null)
                then {{ short_id([
                    'named.subject_type',
                    "case when named.subject_type = 'park' then named.park_id else named.company_id end",
                    'named.metric_id',
                    metric_key('named.metric_raw'),
                    'named.period_label',
                    "coalesce(cast(named.period_start as varchar), '')",
                    "coalesce(cast(named.period_end as varchar), '')",
                    'named.is_growth',
                    'named.unit',
                ]) }}
        end as reconciled_metric_id,
        {{ metric_key('named.metric_raw') }} as metric_key
    from named
    left join pages
        on named.page_id = pages.page_id

)

select * from final

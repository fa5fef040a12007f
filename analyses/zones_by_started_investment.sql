-- Zones ranked by the investment of the projects started (开工/奠基) in the latest year with starts.
{{ zones_by_investment('started') }}

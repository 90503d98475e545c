import { graphql } from '../../graphql/gen';

export const AdminSlaPoliciesQuery = graphql(`
  query AdminSlaPolicies($first: Int, $after: String) {
    slaPolicies(first: $first, after: $after) {
      edges {
        node {
          ...AdminSlaPolicy
        }
      }
      pageInfo {
        endCursor
        hasNextPage
      }
      totalCount
      totalCountIsEstimate
    }
  }

  fragment AdminSlaPolicy on SlaPolicy {
    id
    name
    isDefault
    version
    updatedBy
    updatedAt
    calendar {
      id
      name
    }
    targets {
      urgent {
        ...AdminGradeTargets
      }
      high {
        ...AdminGradeTargets
      }
      normal {
        ...AdminGradeTargets
      }
      low {
        ...AdminGradeTargets
      }
    }
    complaintOverride {
      urgent {
        ...AdminSlaTargets
      }
      high {
        ...AdminSlaTargets
      }
      normal {
        ...AdminSlaTargets
      }
      low {
        ...AdminSlaTargets
      }
    }
  }

  fragment AdminSlaTargets on SlaTargets {
    firstResponse
    nextResponse
    resolution
  }

  fragment AdminGradeTargets on SlaGradeTargets {
    A {
      ...AdminSlaTargets
    }
    B {
      ...AdminSlaTargets
    }
    C {
      ...AdminSlaTargets
    }
    none {
      ...AdminSlaTargets
    }
  }
`);

export const AdminBusinessCalendarsQuery = graphql(`
  query AdminBusinessCalendars($first: Int, $after: String) {
    businessCalendars(first: $first, after: $after) {
      edges {
        node {
          ...AdminBusinessCalendar
        }
      }
      pageInfo {
        endCursor
        hasNextPage
      }
      totalCount
      totalCountIsEstimate
    }
  }

  fragment AdminBusinessCalendar on BusinessCalendar {
    id
    name
    timeZone
    version
    updatedAt
    weeklyHours {
      monday {
        start
        end
      }
      tuesday {
        start
        end
      }
      wednesday {
        start
        end
      }
      thursday {
        start
        end
      }
      friday {
        start
        end
      }
      saturday {
        start
        end
      }
      sunday {
        start
        end
      }
    }
    holidays
    closures {
      start
      end
    }
    makeUpDays {
      date
      hours {
        start
        end
      }
    }
  }
`);

/** Every calendar, for the policy editor's calendar select. */
export const AdminCalendarOptionsQuery = graphql(`
  query AdminCalendarOptions($first: Int, $after: String) {
    businessCalendars(first: $first, after: $after) {
      edges {
        node {
          id
          name
          timeZone
        }
      }
      pageInfo {
        endCursor
        hasNextPage
      }
    }
  }
`);

export const AdminSetDefaultSlaPolicyMutation = graphql(`
  mutation AdminSetDefaultSlaPolicy($id: ID!, $expectedVersion: Int!) {
    setDefaultSlaPolicy(id: $id, expectedVersion: $expectedVersion) {
      id
      isDefault
      version
    }
  }
`);

export const AdminUpdateBusinessCalendarMutation = graphql(`
  mutation AdminUpdateBusinessCalendar($id: ID!, $expectedVersion: Int!, $input: BusinessCalendarInput!) {
    updateBusinessCalendar(id: $id, expectedVersion: $expectedVersion, input: $input) {
      id
      version
    }
  }
`);

export const AdminDefineBusinessCalendarMutation = graphql(`
  mutation AdminDefineBusinessCalendar($input: BusinessCalendarInput!) {
    defineBusinessCalendar(input: $input) {
      id
      version
    }
  }
`);
